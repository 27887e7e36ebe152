"""Lint: rule sets, the check types that run them, waivers, the baseline and the lint engine
that applies them to a repository."""

# How many days before it expires a waiver is reported as expiring (here, not in waivers.py,
# so the CLI's help can show it without importing the lint machinery).
EXPIRING_DAYS = 30
