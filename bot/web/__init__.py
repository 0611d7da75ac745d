"""The web view's core: who may read a team's pages (`access`) and what the pages show
(`pages`, `charts`), read through the unit of work like every command. The HTML is the web
adapter's (`adapters/web`)."""
