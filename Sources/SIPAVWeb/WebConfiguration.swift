import SIPAV
import SIPAVStore

/// Everything the web application needs, built once by `sipav serve` (or by a test) and passed down.
public struct WebConfiguration: Sendable {
    /// Where the records, accounts and sessions are.
    public var store: PostgresStore
    /// The body (*ente*) this server serves.
    public var body: String
    /// The year being rated; nil = the body's most recent year.
    public var year: Int?
    /// The matrix, rounding and bands used to show scores as soon as a form is saved.
    public var settings: IndividualSettings
    public var host: String
    public var port: Int
    /// bcrypt cost of new password hashes: 12 in production; tests may use the minimum, 4.
    public var bcryptCost: UInt8
    /// How long a session lasts unused: each use extends it by as much (sliding expiry).
    public var sessionLifetimeMinutes: Int
    /// How long a session lasts from login, however much it is used: then one logs in again.
    public var sessionLimitMinutes: Int
    /// Set the cookies' `Secure` attribute: on when the server is reached over HTTPS (behind a proxy).
    public var secureCookies: Bool
    public var throttle: LoginThrottle
    /// How long a connection may stay silent before it is closed: no request after the last answer, or a request
    /// stalled halfway (headers never finished, a body that stops coming). A request being answered is never cut.
    public var idleTimeoutSeconds: Int
    /// Reads a year's stored settings text (`Config/sipav.yaml` form) for the public figures, as the CLI does:
    /// `sipav serve` passes `SettingsFile.parse`. Without it only years stored without settings can be shown.
    public var yearSettings: (@Sendable (String) throws -> Settings)?

    public init(store: PostgresStore, body: String, year: Int? = nil, settings: IndividualSettings = IndividualSettings(),
                host: String = "127.0.0.1", port: Int = 8080, bcryptCost: UInt8 = 12, sessionLifetimeMinutes: Int = 480,
                sessionLimitMinutes: Int = 720,
                secureCookies: Bool = false, throttle: LoginThrottle = LoginThrottle(), idleTimeoutSeconds: Int = 60,
                yearSettings: (@Sendable (String) throws -> Settings)? = nil) {
        self.store = store
        self.body = body
        self.year = year
        self.settings = settings
        self.host = host
        self.port = port
        self.bcryptCost = bcryptCost
        self.sessionLifetimeMinutes = sessionLifetimeMinutes
        self.sessionLimitMinutes = max(sessionLimitMinutes, sessionLifetimeMinutes)
        self.secureCookies = secureCookies
        self.throttle = throttle
        self.idleTimeoutSeconds = max(idleTimeoutSeconds, 1)
        self.yearSettings = yearSettings
    }
}

/// Login throttling: after `maximumFailures` wrong passwords for one username within `windowMinutes`, further
/// tries are refused until the window passes (a successful login starts the count again).
public struct LoginThrottle: Sendable {
    public var maximumFailures: Int
    public var windowMinutes: Int
    public init(maximumFailures: Int = 5, windowMinutes: Int = 15) {
        self.maximumFailures = maximumFailures
        self.windowMinutes = windowMinutes
    }
}
