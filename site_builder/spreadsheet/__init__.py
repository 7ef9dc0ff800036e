"""The organisations, the programme, the yearly reviews, the repertoire and the agenda as a spreadsheet, and back.

columns.py says which YAML key sits in which column, cells.py how a cell is written and read; export.py writes
the .xlsx; read.py reads an .xlsx or the site's CSV; apply.py and row_merge.py apply the rows to the YAML files
(ruamel round-trip, so untouched lines and hand comments stay byte for byte); importer.py validates, shows the
changes and writes.
"""
