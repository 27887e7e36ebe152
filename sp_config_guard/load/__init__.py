"""Load: find a repository's files and configuration, read them (bounded, symlink-safe), parse
YAML with positions, and keep the parse cache; git revisions are read here too. Everything
above this floor gets documents, never raw bytes."""
