#include "SecretStore.h"

namespace herald {

SecretStore::SecretStore(QString service, QObject *parent)
    : QObject(parent)
    , m_service(std::move(service))
{}

} // namespace herald

#include "moc_SecretStore.cpp"
