"""The image library in the admin: upload (through the safe pipeline), describe, set the focal
point by clicking, see where each image is used; and the chooser widget other forms use."""

from django import forms
from django.conf import settings
from django.contrib import admin
from django.contrib.admin.widgets import ForeignKeyRawIdWidget
from django.template.defaultfilters import filesizeformat
from django.urls import reverse
from django.utils.html import format_html, format_html_join

from revisions.admin import RevisionAdmin, RevisionForm

from . import renditions
from .library import store_clean_file
from .models import Image
from .processing import clean_upload


def thumbnail_url(image):
    return renditions.url(image, renditions.square_spec(image, 160, "jpg"))


class ImageForm(RevisionForm):
    upload = forms.FileField(
        label="Image file",
        help_text=(
            f"JPEG, PNG, WebP or GIF, up to {filesizeformat(settings.MAX_IMAGE_UPLOAD_BYTES)} and "
            f"{settings.MAX_IMAGE_PIXELS // 1_000_000} megapixels. It is stored re-encoded, "
            "without location, camera or any other metadata."
        ),
    )

    source = forms.URLField(
        max_length=500,
        required=False,
        assume_scheme="https",
        help_text=Image._meta.get_field("source").help_text,
    )

    class Meta:
        model = Image
        fields = ["alt_text", "is_decorative", "caption", "credit", "source", "licence"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.clean_image = None
        if self.instance.pk:
            del self.fields["upload"]
        else:
            self.fields["change_reason"].required = False

    def clean_upload(self):
        upload = self.cleaned_data["upload"]
        self.clean_image = clean_upload(upload)
        return upload


class FocalPointForm(ImageForm):
    class Meta(ImageForm.Meta):
        fields = [*ImageForm.Meta.fields, "focal_x", "focal_y"]


@admin.register(Image)
class ImageAdmin(RevisionAdmin):
    list_display = ["thumbnail", "description", "credit", "licence", "uploaded_by", "uploaded_at"]
    list_display_links = ["thumbnail", "description"]
    list_select_related = ["uploaded_by"]
    list_filter = ["licence", "is_decorative"]
    search_fields = ["alt_text", "caption", "credit", "source"]
    list_per_page = 40
    readonly_fields = [
        "focal_point_picker",
        "reference",
        "used_by",
        "dimensions",
        "uploaded_by",
        "uploaded_at",
    ]

    class Media:
        css = {"all": ["images/admin/library.css"]}
        js = ["images/admin/focal_point.js"]

    def get_form(self, request, obj=None, change=False, **kwargs):
        kwargs["form"] = FocalPointForm if obj is not None else ImageForm
        return super().get_form(request, obj, change, **kwargs)

    def get_fieldsets(self, request, obj=None):
        details = ["alt_text", "is_decorative", "caption", "credit", "source", "licence"]
        if obj is None:
            return [
                (None, {"fields": ["upload", *details]}),
                ("Save", {"fields": ["change_reason"]}),
            ]
        return [
            ("Focal point", {"fields": ["focal_point_picker", ("focal_x", "focal_y")]}),
            (None, {"fields": details}),
            (
                "Use",
                {"fields": ["reference", "used_by", "dimensions", "uploaded_by", "uploaded_at"]},
            ),
            ("Save", {"fields": ["change_reason"]}),
        ]

    def get_readonly_fields(self, request, obj=None):
        return self.readonly_fields if obj is not None else []

    def get_search_results(self, request, queryset, search_term):
        return queryset.search(search_term), False

    @admin.display(description="image")
    def thumbnail(self, image):
        return format_html(
            '<img src="{}" width="80" height="80" alt="" loading="lazy" class="library-thumb">',
            thumbnail_url(image),
        )

    @admin.display(description="alt text or caption")
    def description(self, image):
        return str(image)

    @admin.display(description="Click the image where its subject is")
    def focal_point_picker(self, image):
        widths = renditions.widths_for(image)
        preview = renditions.url(
            image, renditions.width_spec(widths[min(1, len(widths) - 1)], "jpg")
        )
        return format_html(
            '<div class="focal-point-picker" data-x="{}" data-y="{}">'
            '<img src="{}" alt="{}"><span class="focal-point-marker" aria-hidden="true"></span>'
            '</div><p class="help">Thumbnails and social cards are cropped around this point.</p>',
            image.focal_x,
            image.focal_y,
            preview,
            image.alt,
        )

    @admin.display(description="use in an article body")
    def reference(self, image):
        return format_html(
            '<code>{}</code><p class="help">Put this alone in a paragraph of the body: the image '
            "appears there with its caption and credit.</p>",
            image.reference,
        )

    @admin.display(description="used by")
    def used_by(self, image):
        uses = [
            (reverse("admin:events_event_change", args=[article.pk]), f"Article: {article}")
            for article in image.articles()
        ]
        uses += [
            (reverse("admin:editorial_author_change", args=[author.pk]), f"Author photo: {author}")
            for author in image.authors()
        ]
        if not uses:
            return "Nothing yet."
        return format_html(
            "<ul>{}</ul>", format_html_join("", '<li><a href="{}">{}</a></li>', uses)
        )

    @admin.display(description="size")
    def dimensions(self, image):
        return f"{image.width}×{image.height} px"

    def has_delete_permission(self, request, obj=None):
        """An image that anything shows or showed stays: its revisions must still work."""
        if obj is not None and obj.is_in_use():
            return False
        return super().has_delete_permission(request, obj)

    def save_related(self, request, form, formsets, change):
        if form.clean_image is not None:
            store_clean_file(form.instance, form.clean_image)
            form.instance.uploaded_by = request.user
        super().save_related(request, form, formsets, change)

    def change_reason(self, form):
        return super().change_reason(form) or "Uploaded"


class ImageChooserWidget(ForeignKeyRawIdWidget):
    """A library image chooser: the current image's thumbnail, and a search popup that lists
    the library with thumbnails and lets the editor upload a new image from it."""

    template_name = "admin/images/widgets/image_chooser.html"

    def get_context(self, name, value, attrs):
        context = super().get_context(name, value, attrs)
        image = Image.objects.filter(pk=value).first() if value else None
        context["chosen_image"] = image
        context["chosen_thumbnail"] = thumbnail_url(image) if image else ""
        return context


class ChooseImagesMixin:
    """For a ModelAdmin: its foreign keys to the library (``image_chooser_fields``) get the
    chooser."""

    image_chooser_fields = ()

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name in self.image_chooser_fields:
            kwargs["widget"] = ImageChooserWidget(db_field.remote_field, self.admin_site)
        return super().formfield_for_foreignkey(db_field, request, **kwargs)
