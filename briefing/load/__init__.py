"""Load: facts.yaml with line numbers -> validated models and load findings; source files; template folders."""
