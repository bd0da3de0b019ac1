import GRDB
import Mapping
import Values

extension LoadSession {
    /// Computes each row's gain from its group's baseline and its progress toward the growth targets, for every
    /// group (the sequence's partition) this job loaded a row into.
    ///
    /// Runs after the rows are loaded, in the job's transaction, over the whole of each touched group: a late
    /// earlier diagnostic becomes the baseline and every later row of its year is recomputed.
    public func computeGrowth(_ growth: GrowthDefinition, sequence: SequenceDefinition) throws {
        guard let table else { throw StoreError(.unknownTarget, "this job loads no rows") }
        let quoted = { (name: String) in name.quotedDatabaseIdentifier }
        let name = quoted(table.name)
        let key = table.key.map(quoted)
        let partition = (["district"] + sequence.partition).map(quoted).joined(separator: ", ")
        let order = (sequence.order.map(quoted) + key).joined(separator: ", ")
        let score = quoted(growth.score)
        // The first row of the group in the sequence's order is the baseline (first_of_year).
        var measured = ["\(score) - FIRST_VALUE(\(score)) OVER grp AS gain"]
        var outputs = ["gain"]
        for (index, target) in growth.targets.enumerated() {
            let measure = quoted(target.measure)
            measured.append("COALESCE(\(measure), FIRST_VALUE(\(measure)) OVER grp) AS measure_\(index)")
            outputs.append(
                "CASE WHEN measure_\(index) IS NULL OR measure_\(index) = 0 OR gain IS NULL THEN NULL"
                    + " ELSE CAST(round(gain * 100.0 / measure_\(index)) AS INTEGER) END")
        }
        let columns = growth.columns.map(quoted)
        let assignments = columns.enumerated().map { "\($1) = computed.c\($0)" }.joined(separator: ", ")
        let differs = columns.enumerated().map { "\(name).\($1) IS DISTINCT FROM computed.c\($0)" }.joined(
            separator: " OR ")
        let join = key.map { "\(name).\($0) = computed.\($0)" }.joined(separator: " AND ")
        let keyList = key.joined(separator: ", ")
        let selected = outputs.enumerated().map { "\($1) AS c\($0)" }.joined(separator: ", ")
        try db.execute(
            sql: """
                UPDATE \(name) SET \(assignments)
                FROM (SELECT \(keyList), \(selected)
                      FROM (SELECT \(keyList), \(measured.joined(separator: ", "))
                            FROM \(name)
                            WHERE district = ?1 AND (\(partition)) IN (
                                SELECT \(partition) FROM \(name) WHERE district = ?1 AND job_id = ?2)
                            WINDOW grp AS (PARTITION BY \(partition) ORDER BY \(order))) AS measured) AS computed
                WHERE \(join) AND (\(differs))
                """,
            arguments: [district, jobID])
    }
}
