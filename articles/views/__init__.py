"""The articles app's own admin screens, one module per screen; `wagtail_hooks`
wires them in."""
