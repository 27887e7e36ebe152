"""Drift: the semantic diff of two artifacts, the diff of two trees or git revisions, and the
classification of every local variant against its standard."""
