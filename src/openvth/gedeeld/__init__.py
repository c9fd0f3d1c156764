"""Plumbing that the outer layers share and that belongs to neither of them (ADR 0028): `web` and `api` do not
import each other, so what both need lives here. It imports no app of openvth, so any module may use it.
"""
