"""`cls-site rafraichir`: keep the repertoire true to the national files by itself (issue 26).

sources.py   the sources cls.yml may declare and their official addresses (imported by the data schema: light)
download.py  conditional HTTP with a cache outside data/, a deadline, no redirect to a foreign host
datagouv.py  a data.gouv.fr dataset → its newest resource
check.py     size and archive integrity before an importer reads the file
pipeline.py  one source after the other, geocoding, validation, what is written
report.py    the French change report and the exit codes
freshness.py data/rafraichissement.yml, the dates the site shows
"""
