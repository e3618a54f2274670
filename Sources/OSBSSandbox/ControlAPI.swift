import Foundation

/// The sandbox's own API under `/_sandbox/`, never subject to fault rules.
///
/// - `GET /_sandbox/state`: endpoints, Koji version, installed fault rules, recent requests.
/// - `GET /_sandbox/faults`: installed rules.
/// - `POST /_sandbox/faults`: install one rule (JSON object) or several (JSON array); answers 201
///   with `{"ids": [...]}`.
/// - `DELETE /_sandbox/faults`: remove all rules; `DELETE /_sandbox/faults/{id}`: remove one.
/// - `DELETE /_sandbox/requests`: forget the request journal.
enum ControlAPI {
  struct State: Encodable {
    var endpoints: SandboxEndpoints?
    var kojiVersion: String
    var kojiMethods: [String]
    var faults: [FaultInjector.InstalledRule]
    var requests: [RequestJournal.Entry]
  }

  struct Installed: Encodable {
    var ids: [Int]
  }

  struct Removed: Encodable {
    var removed: Int
  }

  struct Failure: Encodable {
    var error: String
  }

  static func router(context: SandboxContext) -> SandboxRouter {
    var router = SandboxRouter()
    router.add("GET", "/_sandbox/state") { _ in
      let builtinNames = KojiBuiltins.router(kojiVersion: context.configuration.kojiVersion).kojiMethodNames
      let userNames = context.router.withLock { $0.kojiMethodNames }
      return .json(
        State(
          endpoints: context.endpoints.withLock { $0 },
          kojiVersion: context.configuration.kojiVersion,
          kojiMethods: Set(builtinNames + userNames).sorted(),
          faults: await context.faults.installed,
          requests: await context.journal.all))
    }
    router.add("GET", "/_sandbox/faults") { _ in .json(await context.faults.installed) }
    router.add("POST", "/_sandbox/faults") { request in
      let rules: [FaultRule]
      do {
        rules = try decodeRules(request.body)
      } catch {
        return .json(Failure(error: "invalid fault rule: \(error)"), status: 400)
      }
      var ids: [Int] = []
      for rule in rules { ids.append(await context.faults.add(rule)) }
      return .json(Installed(ids: ids), status: 201)
    }
    router.add("DELETE", "/_sandbox/faults") { _ in .json(Removed(removed: await context.faults.removeAll()))
    }
    router.add("DELETE", "/_sandbox/faults/{id}") { request in
      guard let id = request.pathParameters["id"].flatMap({ Int($0) }), await context.faults.remove(id: id)
      else {
        return .json(Failure(error: "no such fault rule"), status: 404)
      }
      return .json(Removed(removed: 1))
    }
    router.add("DELETE", "/_sandbox/requests") { _ in
      .json(Removed(removed: await context.journal.clear()))
    }
    return router
  }

  static func decodeRules(_ body: Data) throws -> [FaultRule] {
    let decoder = JSONDecoder()
    if let rules = try? decoder.decode([FaultRule].self, from: body) {
      return rules
    }
    return [try decoder.decode(FaultRule.self, from: body)]
  }
}
