import Foundation
import NIOCore

/// One plain sentence for a server that cannot start listening, in place of NIO's
/// `The operation could not be completed. (NIOCore.IOError error 1.)`.
public enum StartupFailure {
    public static func describe(_ error: any Error, host: String, port: Int) -> String? {
        if let error = error as? IOError {
            switch error.errnoCode {
            case EADDRINUSE: return "port \(port) on \(host) is already in use; stop the other server or choose another port with --port"
            case EACCES: return "not allowed to listen on port \(port) on \(host); ports below 1024 need administrator rights"
            case EADDRNOTAVAIL: return "\(host) is not an address of this machine, so nothing can listen on it"
            default: return "cannot listen on port \(port) on \(host): \(String(cString: strerror(error.errnoCode)))"
            }
        }
        if error is SocketAddressError || error is SocketAddressError.UnknownHost {
            return "cannot listen on \(host): it is not an address and could not be resolved"
        }
        return nil
    }
}
