"""Photo handling for the media library: upload checks, metadata stripping, renditions.

Plain functions on Pillow images and Django files; the Image model, its admin form and the
services in `articles.images.services` call them.
"""
