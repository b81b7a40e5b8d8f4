import HTTPTypes
import Hummingbird
import NIOCore

/// A request for a page with a method the page does not take (PUT, DELETE, PATCH, OPTIONS, TRACE, or a GET of an address
/// only a form posts to) is answered 405 with the methods it takes in `Allow`, not 404 as if the page did not exist, which
/// is what Hummingbird's router answers. Added after every route, it runs only for the requests no route answered.
struct MethodNotAllowedMiddleware: RouterMiddleware {
    typealias Context = BasicRequestContext
    /// A router of the application's paths, each answering GET with the methods it has: a path resolves in it as in the
    /// application's router (a fixed segment, `importa`, before a parameter, `:employee`), by the same code.
    private let paths: RouterResponder<Context>

    /// `routes`: the application router's, every one registered (`Router.routes`).
    init(routes: [Router<Context>.RouteDescription]) {
        var methods: [String: (path: RouterPath, methods: Set<String>)] = [:]
        for route in routes {
            methods[route.path.description, default: (path: route.path, methods: [])].methods.insert(route.method.rawValue)
            // HEAD answers wherever GET does (`autoGenerateHeadEndpoints`).
            if route.method == .get { methods[route.path.description]?.methods.insert(HTTPRequest.Method.head.rawValue) }
        }
        let table = Router(context: Context.self)
        for (path, names) in methods.values {
            let allow = names.sorted().joined(separator: ", ")
            table.get(path) { _, _ in Response(status: .noContent, headers: [.allow: allow]) }
        }
        paths = table.buildResponder()
    }

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        let probe = Request(head: HTTPRequest(method: .get, scheme: nil, authority: nil, path: request.uri.path),
                            body: RequestBody(buffer: ByteBuffer()))
        let answer = try await paths.respond(to: probe, context: context)
        if answer.status == .noContent, let allow = answer.headers[.allow] { throw MethodNotAllowed(allow: allow) }
        return try await next(request, context)
    }
}

/// The page of a method the address does not take, with the methods it takes (`Allow`, as HTTP asks of a 405).
struct MethodNotAllowed: HTTPResponseError {
    let allow: String
    var status: HTTPResponse.Status { .methodNotAllowed }

    static let message = "Questa pagina non si apre in questo modo: usi i collegamenti e i pulsanti dell'applicazione."

    func response(from request: Request, context: some RequestContext) throws -> Response {
        var response = try WebError(status: status, message: MethodNotAllowed.message).response(from: request, context: context)
        response.headers[.allow] = allow
        return response
    }
}
