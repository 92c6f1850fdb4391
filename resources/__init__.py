"""The app's files, installed as the package `desktop.assets`: read them through
`desktop.resources`."""
