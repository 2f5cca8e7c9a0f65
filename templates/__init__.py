"""Built-in briefing templates (Jinja2, CSS and the Word reference document).

This folder is the default project's ``templates/`` and ships inside the
package as ``briefing.templates``; a project's own ``templates/`` folder
overrides any file here by name.
"""
