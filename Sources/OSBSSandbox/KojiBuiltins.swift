/// Hub methods every sandbox answers, with the values the real hub returns.
enum KojiBuiltins {
  static func router(kojiVersion: String) -> SandboxRouter {
    var router = SandboxRouter()
    router.addKojiMethod("hello") { _ in .string("Hello World") }
    // `koji` checks for exactly 1 as its connectivity test.
    router.addKojiMethod("getAPIVersion") { _ in .int(1) }
    router.addKojiMethod("getKojiVersion") { _ in .string(kojiVersion) }
    return router
  }
}
