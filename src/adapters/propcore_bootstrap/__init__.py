"""The composition root: settings, container, plugin manager, ``propcore`` command.

It is the only package that knows every adapter.
"""
