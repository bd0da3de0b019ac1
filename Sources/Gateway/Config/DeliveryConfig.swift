import Mapping

/// Outbox files pushed to a destination (a payer's or district's folder or SFTP server).
public struct DeliveryConfig: Sendable, Equatable {
    /// Where delivered files go.
    public enum Destination: Sendable, Equatable {
        /// A local or mounted folder.
        case folder(path: String)
        /// An SFTP server; files are uploaded to a temporary name and renamed.
        case sftp(RemoteSourceConfig)
    }

    /// Delivery id (names its health record and its delivery log).
    public var id: String
    /// The outbox folder whose files are delivered.
    public var folder: String
    /// Globs a file name must match (any); empty takes every file.
    public var files: [Glob]
    /// Where they go.
    public var destination: Destination

    /// Creates a delivery.
    public init(id: String, folder: String, files: [Glob], destination: Destination) {
        self.id = id
        self.folder = folder
        self.files = files
        self.destination = destination
    }
}
