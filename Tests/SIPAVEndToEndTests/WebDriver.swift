import Foundation

/// A small client of the W3C WebDriver protocol (https://www.w3.org/TR/webdriver2/): JSON over HTTP to a
/// driver such as `chromedriver`. Only the commands the end-to-end test needs.
struct WebDriver: Sendable {
    /// The driver's address, e.g. `http://127.0.0.1:9515`.
    let driver: URL
    let sessionID: String

    /// Opens a browser session; `arguments` are the browser's command-line flags.
    static func startSession(driver: URL, browser: String, arguments: [String]) throws -> WebDriver {
        let capabilities: [String: Any] = [
            "capabilities": ["alwaysMatch": [
                "browserName": "chrome",
                "goog:chromeOptions": ["binary": browser, "args": arguments],
            ]],
        ]
        let value = try WebDriver.send("POST", driver.appendingPathComponent("session"), body: capabilities)
        guard let session = (value as? [String: Any])?["sessionId"] as? String else {
            throw WebDriverError(command: "new session", error: "unexpected answer", message: "\(value ?? "nothing")")
        }
        let webDriver = WebDriver(driver: driver, sessionID: session)
        // Finding an element waits up to this long for it to appear.
        _ = try webDriver.command("POST", "timeouts", ["implicit": 5_000, "pageLoad": 30_000])
        return webDriver
    }

    func deleteSession() throws {
        _ = try WebDriver.send("DELETE", driver.appendingPathComponent("session/\(sessionID)"), body: nil)
    }

    func navigate(to url: URL) throws {
        _ = try command("POST", "url", ["url": url.absoluteString])
    }

    func currentURL() throws -> URL {
        let value = try command("GET", "url")
        guard let text = value as? String, let url = URL(string: text) else {
            throw WebDriverError(command: "get current url", error: "unexpected answer", message: "\(value ?? "nothing")")
        }
        return url
    }

    /// Whether the browser is at `path` (and `query`, when given) within `seconds`: a click's navigation may end
    /// after the click has answered.
    func reaches(_ path: String, query: String? = nil, seconds: Double = 10) throws -> Bool {
        let deadline = Date().addingTimeInterval(seconds)
        while true {
            let url = try currentURL()
            if url.path == path && (query == nil || url.query == query) { return true }
            if Date() >= deadline { return false }
            usleep(50_000)
        }
    }

    /// The visible text of the first element matching the selector.
    func text(_ selector: String) throws -> String { try element(selector).text() }

    /// The first element matching the CSS selector (waiting for it up to the implicit timeout).
    func element(_ selector: String) throws -> Element {
        let value = try command("POST", "element", ["using": "css selector", "value": selector])
        return try Element(self, reference: value, selector: selector)
    }

    /// Every element matching the CSS selector (empty after the implicit timeout when there is none).
    func elements(_ selector: String) throws -> [Element] {
        let value = try command("POST", "elements", ["using": "css selector", "value": selector])
        return try (value as? [Any] ?? []).map { try Element(self, reference: $0, selector: selector) }
    }

    /// The visible text of every element matching the selector.
    func texts(_ selector: String) throws -> [String] {
        var texts: [String] = []
        for element in try elements(selector) { texts.append(try element.text()) }
        return texts
    }

    /// A PNG of the whole page, below the fold too, up to `maximumHeight` CSS pixels. W3C's Take Screenshot stops at
    /// the viewport, so this goes through chromedriver's passage to the DevTools protocol (`Page.captureScreenshot`
    /// beyond the viewport).
    func fullPageScreenshot(maximumHeight: Double) throws -> Data {
        let metrics = try devTools("Page.getLayoutMetrics") as? [String: Any]
        guard let size = metrics?["cssContentSize"] as? [String: Any], let width = size["width"] as? Double,
              let height = size["height"] as? Double else {
            throw WebDriverError(command: "Page.getLayoutMetrics", error: "unexpected answer", message: "\(metrics ?? [:])")
        }
        let shot = try devTools("Page.captureScreenshot", [
            "format": "png", "captureBeyondViewport": true,
            "clip": ["x": 0, "y": 0, "width": width, "height": min(height, maximumHeight), "scale": 1],
        ]) as? [String: Any]
        guard let text = shot?["data"] as? String, let png = Data(base64Encoded: text) else {
            throw WebDriverError(command: "Page.captureScreenshot", error: "unexpected answer", message: "no base64 data")
        }
        return png
    }

    /// Resizes the browser's window (a page's layout follows, as it does on a smaller screen).
    func setWindowSize(width: Int, height: Int) throws {
        _ = try command("POST", "window/rect", ["width": width, "height": height])
    }

    /// Runs `script`, the body of a function called with `arguments`, in the page; returns what it returns.
    /// WebDriver runs it as the browser's own, past the page's Content-Security-Policy.
    func execute(_ script: String, _ arguments: [Any] = []) throws -> Any? {
        try command("POST", "execute/sync", ["script": script, "args": arguments])
    }

    /// Runs `script` like `execute`, with a callback as its last argument, and returns what the script passes to the
    /// callback (waiting up to the session's script timeout).
    func executeAsync(_ script: String, _ arguments: [Any] = []) throws -> Any? {
        try command("POST", "execute/async", ["script": script, "args": arguments])
    }

    /// A DevTools protocol command, through chromedriver's `goog/cdp/execute`.
    func devTools(_ name: String, _ parameters: [String: Any] = [:]) throws -> Any? {
        try command("POST", "goog/cdp/execute", ["cmd": name, "params": parameters])
    }

    /// Sends a command of this session; returns the answer's `value`.
    func command(_ method: String, _ path: String, _ body: [String: Any]? = nil) throws -> Any? {
        try WebDriver.send(method, driver.appendingPathComponent("session/\(sessionID)/\(path)"), body: body)
    }

    /// One HTTP exchange with the driver. A WebDriver error answer (`{"value": {"error": …}}`) is thrown.
    static func send(_ method: String, _ url: URL, body: [String: Any]?) throws -> Any? {
        let json = method == "POST" ? try JSONSerialization.data(withJSONObject: body ?? [:]) : nil
        let response = try LocalHTTP.exchange(method, url, json: json)
        let answer = try JSONSerialization.jsonObject(with: response.body, options: [.fragmentsAllowed]) as? [String: Any]
        let value = answer?["value"]
        if let failure = value as? [String: Any], let error = failure["error"] as? String {
            throw WebDriverError(command: "\(method) \(url.path)", error: error, message: failure["message"] as? String ?? "")
        }
        return value is NSNull ? nil : value
    }
}

/// An element of the current page.
struct Element: Sendable {
    /// The key under which WebDriver names an element reference.
    static let referenceKey = "element-6066-11e4-a52e-4f735466cecf"

    let driver: WebDriver
    let id: String

    init(_ driver: WebDriver, reference: Any?, selector: String) throws {
        guard let id = (reference as? [String: Any])?[Element.referenceKey] as? String else {
            throw WebDriverError(command: "find element \(selector)", error: "unexpected answer", message: "\(reference ?? "nothing")")
        }
        self.driver = driver
        self.id = id
    }

    func click() throws {
        _ = try driver.command("POST", "element/\(id)/click", [:])
    }

    /// Types `text` into the element.
    func sendKeys(_ text: String) throws {
        _ = try driver.command("POST", "element/\(id)/value", ["text": text])
    }

    /// Empties an input or a text area.
    func clear() throws {
        _ = try driver.command("POST", "element/\(id)/clear", [:])
    }

    /// The rendered text, as a user reads it.
    func text() throws -> String {
        try driver.command("GET", "element/\(id)/text") as? String ?? ""
    }

    /// A DOM property, such as an input's `value`.
    func property(_ name: String) throws -> String? {
        try driver.command("GET", "element/\(id)/property/\(name)") as? String
    }
}

struct WebDriverError: Error, CustomStringConvertible {
    let command: String
    let error: String
    let message: String
    var description: String { "WebDriver \(command): \(error): \(message)" }
}
