"""Qt views: thin widgets that observe the core."""
