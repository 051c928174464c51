"""The only code that writes organisation setup, one module per thing it writes.

- `uploads`: an uploaded CSV/XLSX read into a sheet, or refused (too big, unreadable)
- `import_people`: people upserted by employee id from a file, with a dry-run report
- `people`: one person edited, or the same change for many
- `activation`: one-time codes issued to people, and a person's first password set with one
- `organization`: the organisation's own settings
- `events`: the admins' audit trail every module above writes to

Categories, policy versions and rates are in `orgsetup.catalog`.
"""
