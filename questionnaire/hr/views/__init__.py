"""HR pages, by what they are for (docs/architecture.md). Every view is for logged-in users
only and starts with a scoping helper of its role (hr/scoping.py), so another
organisation's object, or one where the user lacks that role, is a 404. Nothing is
cached on the way: the pages show an organisation's figures."""
