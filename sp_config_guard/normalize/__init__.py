"""Normalize: turn exported SP artifacts (CSV, JSON, XML, YAML) into canonical YAML files, one
artifact a file, through a mapping profile."""
