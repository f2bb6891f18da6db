"""jupyterquiz JSON files in and out: `importer` reads them, `exporter` writes them."""
