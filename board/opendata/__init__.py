"""The board's open data: OParl 1.1 (oparl.py) and Popolo (popolo.py), under /opendata/."""
