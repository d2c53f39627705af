from django.contrib import admin
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from articles.models import Image


@admin.register(Image)
class ImageAdmin(admin.ModelAdmin):
    list_display = ["thumbnail", "title", "credit", "is_decorative", "created_at"]
    list_display_links = ["thumbnail", "title"]
    search_fields = ["title", "alt_text", "caption", "credit"]
    list_filter = ["is_decorative"]
    fields = ["file", "title", "alt_text", "is_decorative", "caption", "credit"]

    @admin.display(description=_("preview"))
    def thumbnail(self, obj):
        if not obj.file:
            return ""
        return format_html(
            '<img src="{}" alt="" width="80" height="{}" loading="lazy">',
            obj.file.url,
            round(80 * obj.height / obj.width) if obj.width and obj.height else 60,
        )
