"""Scenario-question banks, one module per topic; numbers in them come from ``facts``."""
