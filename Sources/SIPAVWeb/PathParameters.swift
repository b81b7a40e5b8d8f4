import Foundation
import Hummingbird

extension Parameters {
    /// A path parameter as the link named it: its percent-escapes decoded (`mario%40ente.it` is `mario@ente.it`), as
    /// the pages write every username and employee id into their links.
    func decoded(_ name: String) throws -> String {
        let raw = try require(name)
        return raw.removingPercentEncoding ?? raw
    }
}
