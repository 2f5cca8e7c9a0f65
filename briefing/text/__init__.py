"""Text: reading figures, dates and words in source and fact text (normalisation keeps offsets)."""
