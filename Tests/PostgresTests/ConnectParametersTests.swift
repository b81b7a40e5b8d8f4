@testable import Postgres
import Testing

/// The session options the decoders rely on (ISO dates, hex bytea) hold whatever `PGOPTIONS` says: its options come
/// first, then ours. libpq took `PGOPTIONS` instead of them, and dates read back in another style failed to decode.
@Suite struct ConnectParametersTests {
    func options(_ environment: [String: String]) -> [String] {
        ConnectParameters.pairs(conninfo: "postgresql:///x", environment: { environment[$0] }).filter { $0.keyword == "options" }.map(\.value)
    }

    @Test func theDecodersOptionsFollowPGOPTIONS() {
        #expect(options(["PGOPTIONS": "-c search_path=hr,public -c DateStyle=SQL,DMY"])
                == ["-c search_path=hr,public -c DateStyle=SQL,DMY -c DateStyle=ISO,YMD -c bytea_output=hex"])
    }

    @Test func withoutPGOPTIONSTheDecodersOptionsAlone() {
        #expect(options([:]) == ["-c DateStyle=ISO,YMD -c bytea_output=hex"])
        #expect(options(["PGOPTIONS": "  "]) == ["-c DateStyle=ISO,YMD -c bytea_output=hex"])
    }

    /// The options come before the conninfo, which may still give its own, as libpq reads the last value given.
    @Test func theConninfoComesAfterTheOptions() {
        let keywords = ConnectParameters.pairs(conninfo: "postgresql:///x", environment: { _ in nil }).map(\.keyword)
        let options = keywords.firstIndex(of: "options") ?? .max
        let dbname = keywords.firstIndex(of: "dbname") ?? .min
        #expect(options < dbname, "\(keywords)")
    }
}
