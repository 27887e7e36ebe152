"""Validate: check every artifact against its kind's JSON Schema and report where it fails."""
