import Foundation
import SIPAVTestSupport

/// Chromium driven through `chromedriver`, both from Debian's packages `chromium` and `chromium-driver`.
struct HeadlessChromium {
    static let browser = "/usr/bin/chromium"
    static let chromedriver = "/usr/bin/chromedriver"
    /// `--no-sandbox`: Chromium's sandbox refuses to run as root, as the tests do in a container; `--disable-dev-shm-usage`:
    /// a container's small `/dev/shm` would crash pages. No scrollbars in the screenshots.
    static let arguments = ["--headless=new", "--no-sandbox", "--disable-gpu", "--window-size=1280,1600",
                            "--hide-scrollbars", "--disable-dev-shm-usage", "--lang=it-IT"]

    let driverProcess: BackgroundProcess
    let session: WebDriver

    /// Starts chromedriver on a free port and opens a browser session; fails, saying what to install, when either
    /// program is missing.
    static func start() async throws -> HeadlessChromium {
        let missing = [browser, chromedriver].filter { !FileManager.default.isExecutableFile(atPath: $0) }
        guard missing.isEmpty else {
            throw TestSetupError("the end-to-end test needs Chromium and its WebDriver (\(missing.joined(separator: ", ")) "
                                 + "not found): install the Debian packages with `apt-get install chromium chromium-driver`, "
                                 + "or run scripts/test, which installs them")
        }
        let port = try LocalHTTP.freePort()
        let driverProcess = try BackgroundProcess(name: "chromedriver", executable: URL(fileURLWithPath: chromedriver),
                                                  arguments: ["--port=\(port)"])
        do {
            let address = URL(string: "http://127.0.0.1:\(port)")!
            try await driverProcess.waitUntilAnswering(address.appendingPathComponent("status"))
            let session = try WebDriver.startSession(driver: address, browser: browser, arguments: arguments)
            return HeadlessChromium(driverProcess: driverProcess, session: session)
        } catch {
            driverProcess.stop()
            throw TestSetupError("Chromium did not start through chromedriver: \(error)")
        }
    }

    /// Closes the browser, then stops the driver.
    func stop() {
        try? session.deleteSession()
        driverProcess.stop()
    }
}
