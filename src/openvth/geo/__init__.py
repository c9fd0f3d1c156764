"""Geometry helpers without Django: CRS transformations (`crs`), bbox/radius parameters of the NL GEO API (`bbox`).

Coordinates are stored in RD New (EPSG:28992); the API speaks CRS84 by default and RD on request
(ARCHITECTURE.md §5, §6). Nothing here imports Django, so domain apps, the API and the CLI can all use it.
"""
