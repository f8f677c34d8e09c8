import oslo_i18n

_translators = oslo_i18n.TranslatorFactory(domain='iotronic')

_ = _translators.primary
