import Foundation
import Logging
import Synchronization
import TestThreads
import Testing

@testable import Gateway

/// `--log-format json`: one JSON object per line with the text format's keys.
@Suite(.blocking) struct JSONLogHandlerTests {
    @Test func eachEventIsOneSortedJSONLineWithItsMetadataKeys() throws {
        let lines = Mutex<[String]>([])
        let at = try #require(try? Date("2026-12-02T03:04:05.250Z", strategy: .iso8601))
        var logger = Logger(label: "dropgate") { label in
            JSONLogHandler(label: label, write: { line in lines.withLock { $0.append(line) } }, now: { at })
        }
        logger[metadataKey: "source.id"] = "lincoln-usd"
        logger.info(
            "job done", metadata: ["job.id": "12", "rows.read": "3", "rules": ["pattern", "required"]],
            source: "Gateway")
        logger.debug("below the level")
        let written = lines.withLock { $0 }
        #expect(
            written == [
                #"{"job.id":"12","label":"dropgate","level":"info","message":"job done","rows.read":"3","#
                    + #""rules":["pattern","required"],"source":"Gateway","source.id":"lincoln-usd","#
                    + #""timestamp":"2026-12-02T03:04:05.250Z"}"# + "\n"
            ])
    }

    @Test func aMetadataKeyNamedLikeAFixedKeyGivesWay() throws {
        let lines = Mutex<[String]>([])
        let logger = Logger(label: "dropgate") { label in
            JSONLogHandler(label: label, write: { line in lines.withLock { $0.append(line) } }, now: { Date() })
        }
        logger.warning("real message", metadata: ["message": "spoofed", "level": "debug"])
        let line = try #require(lines.withLock { $0.first })
        let object = try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
        #expect(object["message"] as? String == "real message")
        #expect(object["level"] as? String == "warning")
    }
}
