#include "WindowsToastNotifier.h"

#include "notify/ToastXml.h"

#include <QDir>
#include <QFileInfo>
#include <QHash>
#include <QLoggingCategory>
#include <QPointer>

#include <atomic>
#include <eventtoken.h>
#include <functional>
#include <inspectable.h>
#include <mutex>
#include <objbase.h>
#include <propsys.h>
#include <roapi.h>
#include <shlobj.h>
#include <shobjidl.h>
#include <windows.h>
#include <winstring.h>
#include <wrl/client.h>

Q_LOGGING_CATEGORY(lcToast, "herald.notify", QtInfoMsg)

using Microsoft::WRL::ComPtr;

namespace herald::ui {

namespace {

// The WinRT interfaces Herald calls, declared from their published ABI: MinGW-w64 10 ships no
// windows.ui.notifications.h. Each lists its methods in vtable order up to the last one used; the IIDs are those of
// the Windows SDK's headers. COM interfaces have no virtual destructor (one would shift every slot): hence the pragma.
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wnon-virtual-dtor"
struct IXmlDocumentIO : IInspectable
{
    virtual HRESULT STDMETHODCALLTYPE LoadXml(HSTRING xml) = 0;
};

struct IToastNotification : IInspectable
{
    virtual HRESULT STDMETHODCALLTYPE get_Content(IInspectable **content) = 0;
    virtual HRESULT STDMETHODCALLTYPE put_ExpirationTime(IInspectable *time) = 0;
    virtual HRESULT STDMETHODCALLTYPE get_ExpirationTime(IInspectable **time) = 0;
    virtual HRESULT STDMETHODCALLTYPE add_Dismissed(IUnknown *handler, EventRegistrationToken *token) = 0;
    virtual HRESULT STDMETHODCALLTYPE remove_Dismissed(EventRegistrationToken token) = 0;
    virtual HRESULT STDMETHODCALLTYPE add_Activated(IUnknown *handler, EventRegistrationToken *token) = 0;
    virtual HRESULT STDMETHODCALLTYPE remove_Activated(EventRegistrationToken token) = 0;
    virtual HRESULT STDMETHODCALLTYPE add_Failed(IUnknown *handler, EventRegistrationToken *token) = 0;
    virtual HRESULT STDMETHODCALLTYPE remove_Failed(EventRegistrationToken token) = 0;
};

struct IToastNotifier : IInspectable
{
    virtual HRESULT STDMETHODCALLTYPE Show(IToastNotification *toast) = 0;
    virtual HRESULT STDMETHODCALLTYPE Hide(IToastNotification *toast) = 0;
    virtual HRESULT STDMETHODCALLTYPE get_Setting(int *setting) = 0; // NotificationSetting: 0 is Enabled
};

struct IToastNotificationManagerStatics : IInspectable
{
    virtual HRESULT STDMETHODCALLTYPE CreateToastNotifier(IToastNotifier **notifier) = 0;
    virtual HRESULT STDMETHODCALLTYPE CreateToastNotifierWithId(HSTRING appId, IToastNotifier **notifier) = 0;
};

struct IToastNotificationFactory : IInspectable
{
    virtual HRESULT STDMETHODCALLTYPE CreateToastNotification(IInspectable *xmlDocument,
                                                              IToastNotification **toast) = 0;
};

struct IToastActivatedEventArgs : IInspectable
{
    virtual HRESULT STDMETHODCALLTYPE get_Arguments(HSTRING *arguments) = 0;
};

struct IToastActivatedEventArgs2 : IInspectable
{
    virtual HRESULT STDMETHODCALLTYPE get_UserInput(IInspectable **valueSet) = 0;
};

struct IStringToInspectableMap : IInspectable // IMap<HSTRING, IInspectable*>
{
    virtual HRESULT STDMETHODCALLTYPE Lookup(HSTRING key, IInspectable **value) = 0;
};

struct IStringReference : IInspectable // IReference<HSTRING>: a boxed string
{
    virtual HRESULT STDMETHODCALLTYPE get_Value(HSTRING *value) = 0;
};

struct IToastDismissedEventArgs : IInspectable
{
    virtual HRESULT STDMETHODCALLTYPE get_Reason(int *reason) = 0; // 0 the user, 1 the app, 2 timed out
};

struct IToastFailedEventArgs : IInspectable
{
    virtual HRESULT STDMETHODCALLTYPE get_ErrorCode(HRESULT *error) = 0;
};

struct ITypedEventHandler : IUnknown // TypedEventHandler<ToastNotification, T>: one shape for every T
{
    virtual HRESULT STDMETHODCALLTYPE Invoke(IInspectable *sender, IInspectable *args) = 0;
};

#pragma GCC diagnostic pop

constexpr GUID kIidManagerStatics{0x50ac103f, 0xd235, 0x4598, {0xbb, 0xef, 0x98, 0xfe, 0x4d, 0x1a, 0x3a, 0xd4}};
constexpr GUID kIidToastFactory{0x04124b20, 0x82c6, 0x4229, {0xb1, 0x09, 0xfd, 0x9e, 0xd4, 0x66, 0x2b, 0x53}};
constexpr GUID kIidXmlDocument{0xf7f3a506, 0x1e87, 0x42d6, {0xbc, 0xfb, 0xb8, 0xc8, 0x09, 0xfa, 0x54, 0x94}};
constexpr GUID kIidXmlDocumentIO{0x6cd0e74e, 0xee65, 0x4489, {0x9e, 0xbf, 0xca, 0x43, 0xe8, 0x7b, 0xa6, 0x37}};
constexpr GUID kIidActivatedArgs{0xe3bf92f3, 0xc197, 0x436f, {0x82, 0x65, 0x06, 0x25, 0x82, 0x4f, 0x8d, 0xac}};
constexpr GUID kIidActivatedArgs2{0xab7da512, 0xcc61, 0x568e, {0x81, 0xbe, 0x30, 0x4a, 0xc3, 0x10, 0x38, 0xfa}};
constexpr GUID kIidDismissedArgs{0x3f89d935, 0xd9cb, 0x4538, {0xa0, 0xf0, 0xff, 0xe7, 0x65, 0x99, 0x38, 0xf8}};
constexpr GUID kIidFailedArgs{0x35176862, 0xcfd4, 0x44f8, {0xad, 0x64, 0xf5, 0x00, 0xfd, 0x89, 0x6c, 0x3b}};
constexpr GUID kIidStringMap{0x1b0d3570, 0x0877, 0x5ec2, {0x8a, 0x2c, 0x3b, 0x95, 0x39, 0x50, 0x6a, 0xca}};
constexpr GUID kIidStringReference{0xfd416dfb, 0x2a07, 0x52eb, {0xaa, 0xe3, 0xdf, 0xce, 0x14, 0x11, 0x6c, 0x05}};
constexpr GUID kIidActivatedHandler{0xab54de2d, 0x97d9, 0x5528, {0xb6, 0xad, 0x10, 0x5a, 0xfe, 0x15, 0x65, 0x30}};
constexpr GUID kIidDismissedHandler{0x61c2402f, 0x0ed0, 0x5a18, {0xab, 0x69, 0x59, 0xf4, 0xaa, 0x99, 0xa3, 0x68}};
constexpr GUID kIidFailedHandler{0x95e3e803, 0xc969, 0x5e3a, {0x97, 0x53, 0xea, 0x2a, 0xd2, 0x2a, 0x9a, 0x33}};
constexpr GUID kIidAgileObject{0x94ea2b94, 0xe9cc, 0x49e0, {0xc0, 0xff, 0xee, 0x64, 0xca, 0x8f, 0x5b, 0x90}};
// PKEY_AppUserModel_ID, spelled out: MinGW's propkey.h declares it for a library that does not define it.
constexpr PROPERTYKEY kAppUserModelIdKey{{0x9f4c2855, 0x9f79, 0x4b39, {0xa8, 0xd0, 0xe1, 0xd4, 0x2d, 0xe1, 0xd5, 0xf3}},
                                         5};

// Toasts on screen or in the Action Center whose clicks Herald still routes; older ones are let go.
constexpr int kMaxTracked = 64;

template<typename T>
ComPtr<T> query(IUnknown *from, const GUID &iid)
{
    ComPtr<T> to;
    if (from) {
        from->QueryInterface(iid, reinterpret_cast<void **>(to.GetAddressOf()));
    }
    return to;
}

class HString final
{
public:
    explicit HString(const QString &text)
    {
        WindowsCreateString(reinterpret_cast<const wchar_t *>(text.utf16()), UINT32(text.size()), &m_string);
    }
    ~HString() { WindowsDeleteString(m_string); }
    Q_DISABLE_COPY_MOVE(HString)
    HSTRING get() const { return m_string; }

private:
    HSTRING m_string = nullptr;
};

QString toQString(HSTRING string)
{
    UINT32 length = 0;
    const wchar_t *raw = WindowsGetStringRawBuffer(string, &length);
    return QString::fromWCharArray(raw, int(length));
}

QString describe(HRESULT result)
{
    return QStringLiteral("HRESULT 0x%1").arg(quint32(result), 8, 16, QLatin1Char('0'));
}

// What the handlers reach the notifier through: WinRT calls them on a thread of its own, possibly while the notifier
// is being destroyed, so they post to it only while it is still there.
struct Relay
{
    std::mutex lock;
    WindowsToastNotifier *target = nullptr;

    template<typename F>
    void post(F &&call)
    {
        const std::lock_guard<std::mutex> guard(lock);
        if (target) {
            QMetaObject::invokeMethod(target, std::forward<F>(call), Qt::QueuedConnection);
        }
    }
};

#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wnon-virtual-dtor"
class EventHandler final : public ITypedEventHandler // deleted only by Release(), as its own type
{
public:
    EventHandler(const GUID &iid, std::function<void(IInspectable *args)> onEvent)
        : m_iid(iid)
        , m_onEvent(std::move(onEvent))
    {}

    HRESULT STDMETHODCALLTYPE QueryInterface(REFIID iid, void **object) override
    {
        // Agile: WinRT may call it from any thread, which the relay allows for.
        if (iid == IID_IUnknown || iid == m_iid || iid == kIidAgileObject) {
            *object = static_cast<ITypedEventHandler *>(this);
            AddRef();
            return S_OK;
        }
        *object = nullptr;
        return E_NOINTERFACE;
    }
    ULONG STDMETHODCALLTYPE AddRef() override { return ++m_references; }
    ULONG STDMETHODCALLTYPE Release() override
    {
        const ULONG left = --m_references;
        if (left == 0) {
            delete this;
        }
        return left;
    }
    HRESULT STDMETHODCALLTYPE Invoke(IInspectable *, IInspectable *args) override
    {
        m_onEvent(args);
        return S_OK;
    }

private:
    ~EventHandler() = default;
    GUID m_iid;
    std::function<void(IInspectable *)> m_onEvent;
    std::atomic<ULONG> m_references{1};
};
#pragma GCC diagnostic pop

ComPtr<ITypedEventHandler> makeHandler(const GUID &iid, std::function<void(IInspectable *)> onEvent)
{
    ComPtr<ITypedEventHandler> handler;
    handler.Attach(new EventHandler(iid, std::move(onEvent)));
    return handler;
}

QString replyText(IInspectable *args)
{
    const auto withInput = query<IToastActivatedEventArgs2>(args, kIidActivatedArgs2);
    ComPtr<IInspectable> valueSet;
    if (!withInput || FAILED(withInput->get_UserInput(valueSet.GetAddressOf()))) {
        return {};
    }
    const auto map = query<IStringToInspectableMap>(valueSet.Get(), kIidStringMap);
    ComPtr<IInspectable> value;
    const HString key(QLatin1String(toast::kReplyInputId));
    if (!map || FAILED(map->Lookup(key.get(), value.GetAddressOf()))) {
        return {};
    }
    const auto text = query<IStringReference>(value.Get(), kIidStringReference);
    HSTRING string = nullptr;
    if (!text || FAILED(text->get_Value(&string))) {
        return {};
    }
    const QString reply = toQString(string);
    WindowsDeleteString(string);
    return reply;
}

// Windows shows a desktop app's toasts under the AppUserModelID its Start-menu shortcut carries: the installer's
// shortcut is given Herald's (NSIS cannot set it). Empty when it has it, else why toasts cannot be shown.
QString ensureShortcutHasAppId(const QString &appId)
{
    PWSTR programs = nullptr;
    if (FAILED(SHGetKnownFolderPath(FOLDERID_Programs, 0, nullptr, &programs))) {
        return QStringLiteral("the Start menu folder is unknown");
    }
    const QString path = QDir::toNativeSeparators(QString::fromWCharArray(programs) + QStringLiteral("/Herald.lnk"));
    CoTaskMemFree(programs);
    if (!QFileInfo::exists(path)) {
        return QStringLiteral("there is no Start-menu shortcut %1 (a copy that was not installed)").arg(path);
    }
    ComPtr<IShellLinkW> link;
    HRESULT result = CoCreateInstance(CLSID_ShellLink, nullptr, CLSCTX_INPROC_SERVER, IID_IShellLinkW,
                                      reinterpret_cast<void **>(link.GetAddressOf()));
    const auto file = query<IPersistFile>(link.Get(), IID_IPersistFile);
    if (FAILED(result) || !file ||
        FAILED(result = file->Load(reinterpret_cast<const wchar_t *>(path.utf16()), STGM_READWRITE))) {
        return QStringLiteral("the Start-menu shortcut cannot be read (%1)").arg(describe(result));
    }
    const auto properties = query<IPropertyStore>(link.Get(), IID_IPropertyStore);
    if (!properties) {
        return QStringLiteral("the Start-menu shortcut has no properties to set");
    }
    PROPVARIANT current;
    PropVariantInit(&current);
    const bool hasIt = SUCCEEDED(properties->GetValue(kAppUserModelIdKey, &current)) && current.vt == VT_LPWSTR &&
                       QString::fromWCharArray(current.pwszVal) == appId;
    PropVariantClear(&current);
    if (hasIt) {
        return {};
    }
    PROPVARIANT value;
    PropVariantInit(&value);
    value.vt = VT_LPWSTR;
    const qsizetype bytes = (appId.size() + 1) * qsizetype(sizeof(wchar_t));
    value.pwszVal = static_cast<LPWSTR>(CoTaskMemAlloc(size_t(bytes)));
    memcpy(value.pwszVal, appId.utf16(), size_t(bytes));
    result = properties->SetValue(kAppUserModelIdKey, value);
    PropVariantClear(&value);
    if (FAILED(result) || FAILED(result = properties->Commit()) || FAILED(result = file->Save(nullptr, TRUE))) {
        return QStringLiteral("Herald's AppUserModelID could not be set on the Start-menu shortcut (%1)")
            .arg(describe(result));
    }
    qCInfo(lcToast).noquote() << "the Start-menu shortcut now carries" << appId;
    return {};
}

} // namespace

struct WindowsToastNotifier::Private
{
    struct Shown
    {
        ComPtr<IToastNotification> toast;
        EventRegistrationToken activated{};
        EventRegistrationToken dismissed{};
        EventRegistrationToken failed{};
        Popup popup;
    };

    ComPtr<IToastNotifier> notifier;
    ComPtr<IToastNotificationFactory> factory;
    std::shared_ptr<Relay> relay = std::make_shared<Relay>();
    QHash<QString, Shown> shown;
    QStringList order; // keys of shown, oldest first

    void release(Shown &entry)
    {
        entry.toast->remove_Activated(entry.activated);
        entry.toast->remove_Dismissed(entry.dismissed);
        entry.toast->remove_Failed(entry.failed);
    }
};

std::unique_ptr<WindowsToastNotifier> WindowsToastNotifier::create(QString *why)
{
    const QString appId = QLatin1String(kAppUserModelId);
    // Qt's Windows platform has COM initialized on this thread already; offscreen and tests may not. The one extra
    // initialization lasts as long as the process, as Qt's own does.
    CoInitializeEx(nullptr, COINIT_APARTMENTTHREADED);
    SetCurrentProcessExplicitAppUserModelID(reinterpret_cast<const wchar_t *>(appId.utf16()));
    if (const QString problem = ensureShortcutHasAppId(appId); !problem.isEmpty()) {
        *why = problem;
        return nullptr;
    }
    auto d = std::make_unique<Private>();
    ComPtr<IToastNotificationManagerStatics> manager;
    HRESULT result =
        RoGetActivationFactory(HString(QStringLiteral("Windows.UI.Notifications.ToastNotificationManager")).get(),
                               kIidManagerStatics, reinterpret_cast<void **>(manager.GetAddressOf()));
    if (SUCCEEDED(result)) {
        result = manager->CreateToastNotifierWithId(HString(appId).get(), d->notifier.GetAddressOf());
    }
    if (SUCCEEDED(result)) {
        result = RoGetActivationFactory(HString(QStringLiteral("Windows.UI.Notifications.ToastNotification")).get(),
                                        kIidToastFactory, reinterpret_cast<void **>(d->factory.GetAddressOf()));
    }
    if (FAILED(result)) {
        *why = QStringLiteral("Windows has no toast notifications here (%1)").arg(describe(result));
        return nullptr;
    }
    int setting = 0;
    if (SUCCEEDED(d->notifier->get_Setting(&setting)) && setting != 0) {
        qCInfo(lcToast) << "Windows' settings turn Herald's notifications off (setting" << setting
                        << "): toasts go to History only until they are turned on";
    }
    return std::unique_ptr<WindowsToastNotifier>(new WindowsToastNotifier(std::move(d)));
}

WindowsToastNotifier::WindowsToastNotifier(std::unique_ptr<Private> data)
    : d(std::move(data))
{
    d->relay->target = this;
}

WindowsToastNotifier::~WindowsToastNotifier()
{
    {
        const std::lock_guard<std::mutex> guard(d->relay->lock);
        d->relay->target = nullptr;
    }
    for (Private::Shown &entry : d->shown) {
        d->release(entry);
    }
}

void WindowsToastNotifier::show(const Popup &popup)
{
    if (d->shown.contains(popup.key)) {
        d->notifier->Hide(d->shown.value(popup.key).toast.Get()); // replaced, as on Linux
        forget(popup.key);
    }
    ComPtr<IInspectable> document;
    HRESULT result =
        RoActivateInstance(HString(QStringLiteral("Windows.Data.Xml.Dom.XmlDocument")).get(), document.GetAddressOf());
    const auto loader = query<IXmlDocumentIO>(document.Get(), kIidXmlDocumentIO);
    if (SUCCEEDED(result) && loader) {
        result = loader->LoadXml(HString(toast::xml(popup)).get());
    }
    const auto xmlDocument = query<IInspectable>(document.Get(), kIidXmlDocument);
    Private::Shown entry;
    entry.popup = popup;
    if (SUCCEEDED(result) && xmlDocument) {
        result = d->factory->CreateToastNotification(xmlDocument.Get(), entry.toast.GetAddressOf());
    }
    if (FAILED(result) || !entry.toast) {
        failLater(popup, QStringLiteral("Windows could not make a toast of it (%1)").arg(describe(result)));
        return;
    }

    const std::shared_ptr<Relay> relay = d->relay;
    const QString key = popup.key;
    entry.toast->add_Activated(makeHandler(kIidActivatedHandler,
                                           [relay](IInspectable *args) {
                                               const auto activated =
                                                   query<IToastActivatedEventArgs>(args, kIidActivatedArgs);
                                               HSTRING arguments = nullptr;
                                               if (!activated || FAILED(activated->get_Arguments(&arguments))) {
                                                   return;
                                               }
                                               const QString text = toQString(arguments);
                                               WindowsDeleteString(arguments);
                                               const QString reply = replyText(args);
                                               relay->post([relay, text, reply] {
                                                   if (relay->target) {
                                                       relay->target->onActivated(text, reply);
                                                   }
                                               });
                                           })
                                   .Get(),
                               &entry.activated);
    entry.toast->add_Dismissed(makeHandler(kIidDismissedHandler,
                                           [relay, key](IInspectable *args) {
                                               int reason = -1;
                                               if (const auto dismissed =
                                                       query<IToastDismissedEventArgs>(args, kIidDismissedArgs)) {
                                                   dismissed->get_Reason(&reason);
                                               }
                                               relay->post([relay, key, reason] {
                                                   if (relay->target) {
                                                       relay->target->onDismissed(key, reason);
                                                   }
                                               });
                                           })
                                   .Get(),
                               &entry.dismissed);
    entry.toast->add_Failed(makeHandler(kIidFailedHandler,
                                        [relay, key](IInspectable *args) {
                                            HRESULT error = E_FAIL;
                                            if (const auto failed =
                                                    query<IToastFailedEventArgs>(args, kIidFailedArgs)) {
                                                failed->get_ErrorCode(&error);
                                            }
                                            relay->post([relay, key, error] {
                                                if (relay->target) {
                                                    relay->target->onFailed(key, long(error));
                                                }
                                            });
                                        })
                                .Get(),
                            &entry.failed);

    result = d->notifier->Show(entry.toast.Get());
    if (FAILED(result)) {
        d->release(entry);
        failLater(popup, QStringLiteral("Windows did not show the toast (%1)").arg(describe(result)));
        return;
    }
    d->shown.insert(key, entry);
    d->order.append(key);
    while (d->order.size() > kMaxTracked) {
        forget(d->order.constFirst());
    }
}

void WindowsToastNotifier::close(const QString &key)
{
    const auto it = d->shown.constFind(key);
    if (it == d->shown.constEnd()) {
        return;
    }
    d->notifier->Hide(it->toast.Get());
    forget(key);
}

void WindowsToastNotifier::forget(const QString &key)
{
    auto it = d->shown.find(key);
    if (it == d->shown.end()) {
        return;
    }
    d->release(*it);
    d->shown.erase(it);
    d->order.removeOne(key);
}

void WindowsToastNotifier::failLater(const Popup &popup, const QString &reason)
{
    // Not from inside show(): the caller may replace this notifier on the signal.
    QMetaObject::invokeMethod(
        this, [this, popup, reason] { Q_EMIT unavailable(popup, reason); }, Qt::QueuedConnection);
}

void WindowsToastNotifier::onActivated(const QString &arguments, const QString &reply)
{
    const toast::Activation activation = toast::parseArguments(arguments);
    if (activation.actionId.isEmpty()) {
        return;
    }
    if (activation.actionId == QLatin1String(toast::kReplyInputId)) {
        if (!reply.trimmed().isEmpty()) {
            Q_EMIT replied(activation.key, reply);
        }
        return;
    }
    Q_EMIT activated(activation.key, activation.actionId);
}

void WindowsToastNotifier::onDismissed(const QString &key, int reason)
{
    // Timed out, a toast waits in the Action Center, still clickable; hidden, Herald did it.
    if (reason == 0) {
        forget(key);
        Q_EMIT closed(key);
    }
}

void WindowsToastNotifier::onFailed(const QString &key, long error)
{
    const auto it = d->shown.constFind(key);
    if (it == d->shown.constEnd()) {
        return;
    }
    const Popup popup = it->popup;
    forget(key);
    Q_EMIT unavailable(popup, QStringLiteral("Windows could not show the toast (%1)").arg(describe(HRESULT(error))));
}

} // namespace herald::ui
