import Foundation
import SIPAVTestSupport

/// The screenshots of the main pages, kept in `docs/screenshots/` and linked from the README: rewritten by every run.
enum Screenshots {
    /// `docs/screenshots/` when `SIPAV_SCREENSHOTS=docs` (to renew the README's pictures), else a folder of this run's
    /// own: a test run does not rewrite files the repository keeps (the confirmed allocation shows the time of its run).
    static let folder = ProcessInfo.processInfo.environment["SIPAV_SCREENSHOTS"] == "docs"
        ? SipavBinary.repositoryRoot.appendingPathComponent("docs/screenshots")
        : FileManager.default.temporaryDirectory.appendingPathComponent("sipav-screenshots-\(ProcessInfo.processInfo.processIdentifier)")
    static let pngSignature: [UInt8] = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]
    /// Smaller than this, a page screenshot is blank or broken.
    static let minimumBytes = 10_000
    /// A long list is cut here: the top of it shows the page.
    static let maximumHeight = 3_000.0

    /// The page shown now, whole (up to `maximumHeight`), as `name`.png.
    static func take(_ name: String, of browser: WebDriver) throws {
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        try browser.fullPageScreenshot(maximumHeight: maximumHeight).write(to: url(name))
    }

    static func url(_ name: String) -> URL { folder.appendingPathComponent(name + ".png") }

    /// The bytes of `name`.png if it was written since `date`, else nil.
    static func written(_ name: String, since date: Date) -> Data? {
        let attributes = try? FileManager.default.attributesOfItem(atPath: url(name).path)
        guard let modified = attributes?[.modificationDate] as? Date, modified >= date else { return nil }
        return FileManager.default.contents(atPath: url(name).path)
    }
}
