"""Names of the app's QSettings entries, in one place so no two screens spell them apart."""

GEOMETRY_KEY = "window/geometry"
ANIMATED_KEY = "illustrations/animated"
