"""The analyst's dashboard: an HTTP API (JSON) and Arabic server-rendered pages over a store."""
