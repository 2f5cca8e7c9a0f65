"""Writers: HTML, PDF and DOCX from the Document (each reads only the Document), and the output audit."""
