"""Printed documents: the session summary and the progress report, as HTML and as PDF."""
