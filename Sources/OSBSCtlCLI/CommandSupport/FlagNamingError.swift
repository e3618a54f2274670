import OSBSKit

/// A library error reworded by a command to name its own flag: OSBSKit's errors speak of what is wrong,
/// and only the command knows which of its options fixes it. The exit status stays the library's.
struct FlagNamingError: ClassifiedError {
  let failureKind: FailureKind
  let description: String

  init(_ error: any ClassifiedError, _ description: String) {
    failureKind = error.failureKind
    self.description = description
  }
}
