"""Lint: rule sets, the check types that run them, waivers, the baseline and the lint engine
that applies them to a repository."""
