"""The artifact model: the kinds and their governance read from the shipped JSON Schemas, the
shipped data folders and validators of the tool's own file formats, and the wording of a
schema error. No stage is below it but the shared ground floor."""
