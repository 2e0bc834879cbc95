"""Runners of the one-way pipeline: ingest -> extract -> link -> dossier."""
