"""Sciatica Coach: a guided home-exercise coach for people with sciatica."""

__version__ = "0.1.0"
