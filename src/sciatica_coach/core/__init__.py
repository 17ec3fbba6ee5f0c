"""Pure-Python core: catalog, timeline, session engine, log and stats. Imports no Qt."""
