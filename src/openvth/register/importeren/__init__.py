"""Bulk import of activity executions from CSV, JSON and GeoJSON, mapped by versioned profiles.

`profiel` reads mapping profiles, `lezen` reads a file (or refuses it as a whole), `validatie` turns each row into
checked facts or Dutch reasons, `verwerken` upserts in batches with resumable progress and writes the quality
report, `taken` runs an import in the background, `wachtrij` queues, watches and resumes those runs,
`selectors` reads runs. docs/import.md describes the profile format and every rule.
"""
