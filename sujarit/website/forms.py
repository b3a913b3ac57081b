from django import forms
from django.utils.translation import gettext_lazy as _

from .models import Executive, Page, Post, SiteSettings

PICTURE_HELP = _("JPEG, PNG or WebP, up to 8 MB. It is re-encoded before it is shown.")


def _picture(label):
    return forms.FileField(label=label, required=False, help_text=PICTURE_HELP)


class TextareaMixin:
    text_help = _("Plain text: leave an empty line between paragraphs. No HTML is needed.")


class SettingsForm(forms.ModelForm):
    banner_file = _picture(_("Banner picture"))
    remove_banner = forms.BooleanField(label=_("Remove the banner"), required=False)
    facebook = forms.URLField(label=_("Facebook page"), required=False, assume_scheme="https")

    class Meta:
        model = SiteSettings
        fields = ["tagline", "welcome", "colour", "office_hours", "facebook", "latitude", "longitude"]
        widgets = {
            "colour": forms.TextInput(attrs={"type": "color"}),
            "welcome": forms.Textarea(attrs={"rows": 5}),
        }
        help_texts = {
            "welcome": TextareaMixin.text_help,
            "colour": _("White text must stay readable on it (contrast 4.5:1)."),
            "latitude": _("The office's place, e.g. 7.246500 and 99.751000 (shown as a map link)."),
        }


class PostForm(forms.ModelForm):
    photo_file = _picture(_("Photo"))
    remove_photo = forms.BooleanField(label=_("Remove the photo"), required=False)

    class Meta:
        model = Post
        fields = ["kind", "title", "published_on", "body", "photo_alt"]
        widgets = {
            "published_on": forms.DateInput(attrs={"type": "date"}),
            "body": forms.Textarea(attrs={"rows": 10}),
        }
        help_texts = {"body": TextareaMixin.text_help}


class ExecutiveForm(forms.ModelForm):
    photo_file = _picture(_("Photo"))
    remove_photo = forms.BooleanField(label=_("Remove the photo"), required=False)

    class Meta:
        model = Executive
        fields = ["group", "full_name", "position", "phone", "email", "order"]


class PageForm(forms.ModelForm):
    image_file = _picture(_("Picture"))
    remove_image = forms.BooleanField(label=_("Remove the picture"), required=False)

    class Meta:
        model = Page
        fields = ["body", "image_alt"]
        widgets = {"body": forms.Textarea(attrs={"rows": 16})}
        help_texts = {"body": TextareaMixin.text_help}
