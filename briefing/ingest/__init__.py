"""Ingest: turn a source document (PDF, HTML, DOCX, Markdown, text) into the text quotes are proved against."""
