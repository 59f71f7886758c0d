"""Grading submissions safely.

Plans come from the instructor notebook, submissions run in a sandbox, verdicts are made
outside it.
"""
